-- wrk request: a chat completion, streamed when BENCH_STREAM=1. BENCH_KEY is the API key (empty for the upstream).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("BENCH_KEY")
if key and key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
wrk.body = '{"model":"' .. (os.getenv("BENCH_MODEL") or "bench-model") .. '","messages":[{"role":"user","content":"Write one sentence about foxes."}],"max_tokens":32' .. (os.getenv("BENCH_STREAM") == "1" and ',"stream":true' or '') .. '}'
