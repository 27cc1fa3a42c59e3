-- wrk request: a chat completion, streamed when BENCH_STREAM=1. BENCH_KEY is the API key (empty for the upstream).
--
-- wrk counts a response, and takes its latency, when the HTTP message is complete: for a stream sent
-- in chunks that is the terminating chunk, so a streamed cell times the whole stream, not its first
-- bytes. BENCH_CHECK=1 (run-load.sh uses it while warming up, as it makes wrk keep every body) also
-- checks each response: status 200, and for a stream a body that ends with "data: [DONE]"; done()
-- prints "checked N responses, M failed or incomplete" and the first bad one.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("BENCH_KEY")
if key and key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
local stream = os.getenv("BENCH_STREAM") == "1"
wrk.body = '{"model":"' .. (os.getenv("BENCH_MODEL") or "bench-model") .. '","messages":[{"role":"user","content":"Write one sentence about foxes."}],"max_tokens":32' .. (stream and ',"stream":true' or '') .. '}'

if os.getenv("BENCH_CHECK") == "1" then
    local threads = {}
    checked, bad, first_bad = 0, 0, "" -- globals: done() reads them from each thread with thread:get

    function setup(thread) table.insert(threads, thread) end

    function response(status, headers, body)
        checked = checked + 1
        local complete = status == 200 and (not stream or body:find("data: %[DONE%]%s*$") ~= nil)
        if not complete then
            bad = bad + 1
            if first_bad == "" then first_bad = status .. " " .. string.sub(body or "", -300) end
        end
    end

    function done(summary, latency, requests)
        local total, failed, sample = 0, 0, ""
        for _, thread in ipairs(threads) do
            total = total + thread:get("checked")
            failed = failed + thread:get("bad")
            if sample == "" then sample = thread:get("first_bad") end
        end
        io.write(string.format("checked %d responses, %d failed or incomplete\n", total, failed))
        if sample ~= "" then io.write("first bad response: " .. sample .. "\n") end
    end
end
