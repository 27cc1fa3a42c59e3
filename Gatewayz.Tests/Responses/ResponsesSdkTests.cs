using System.ClientModel;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;
using OpenAI.Responses;

#pragma warning disable OPENAI001 // The SDK's Responses client is marked experimental.

namespace Gatewayz.Tests.Responses;

/// <summary>
/// The official OpenAI .NET SDK's <see cref="ResponsesClient"/> against the gateway's simulated providers: text answers
/// streamed and not, the function-call round trip (continued by <c>previous_response_id</c> and by resending the items),
/// and the stored responses (<c>store</c>, GET, DELETE, another user's).
/// </summary>
public sealed class ResponsesSdkTests : IDisposable
{
    private readonly GatewayHost _gateway = GatewayHost.Start(new Dictionary<string, string?>().WithOtherUser());

    public void Dispose() => _gateway.Dispose();

    [Fact]
    public async Task A_response_carries_the_answer_chat_completions_get_for_the_same_input_with_its_usage()
    {
        ResponseResult response = await _gateway.CreateResponsesClient().CreateResponseAsync(ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("Hello there")));
        ChatCompletion completion = await _gateway.CreateChatClient(ResponsesGateway.Model).CompleteChatAsync([new UserChatMessage("Hello there")]);

        response.Id.ShouldStartWith("resp_");
        response.Status.ShouldBe(ResponseStatus.Completed);
        response.Model.ShouldBe(ResponsesGateway.Model);
        // The simulators are seeded: the same conversation gets the same answer, whichever API asks.
        response.GetOutputText().ShouldBe(completion.Content[0].Text);
        var message = response.OutputItems.ShouldHaveSingleItem().ShouldBeAssignableTo<MessageResponseItem>();
        message.Id.ShouldStartWith("msg_");
        message.Role.ShouldBe(MessageRole.Assistant);
        response.Usage.InputTokenCount.ShouldBe(completion.Usage.InputTokenCount);
        response.Usage.OutputTokenCount.ShouldBe(completion.Usage.OutputTokenCount);
        response.Usage.TotalTokenCount.ShouldBe(response.Usage.InputTokenCount + response.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task A_streamed_response_assembles_into_the_text_of_the_non_streamed_one_and_ends_with_the_completed_response()
    {
        var client = _gateway.CreateResponsesClient();
        ResponseResult whole = await client.CreateResponseAsync(ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("Tell me about gateways")));
        var text = new StringBuilder();
        var sequence = new List<int>();
        ResponseResult? completed = null;
        string? createdId = null;

        await foreach (var update in await client.CreateResponseStreamingAsync(ResponsesGateway.Streamed(ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("Tell me about gateways")))))
        {
            sequence.Add(update.SequenceNumber);
            switch (update)
            {
                case StreamingResponseCreatedUpdate created: createdId = created.Response.Id; break;
                case StreamingResponseOutputTextDeltaUpdate delta: text.Append(delta.Delta); break;
                case StreamingResponseCompletedUpdate done: completed = done.Response; break;
            }
        }

        text.ToString().ShouldBe(whole.GetOutputText());
        completed.ShouldNotBeNull();
        completed.Id.ShouldBe(createdId);
        completed.GetOutputText().ShouldBe(whole.GetOutputText());
        completed.Usage.OutputTokenCount.ShouldBe(whole.Usage.OutputTokenCount);
        sequence.ShouldBe(Enumerable.Range(0, sequence.Count));
    }

    [Fact]
    public async Task A_function_call_answered_with_previous_response_id_and_its_call_id_ends_in_a_text_answer()
    {
        var client = _gateway.CreateResponsesClient();
        var first = ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("use get_weather for Paris"));
        first.Tools.Add(ResponsesGateway.WeatherTool);
        ResponseResult asked = await client.CreateResponseAsync(first);
        var call = asked.OutputItems.OfType<FunctionCallResponseItem>().ShouldHaveSingleItem();
        call.FunctionName.ShouldBe("get_weather");
        call.CallId.ShouldStartWith("call_");
        JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement.GetProperty("city").GetString().ShouldNotBeNullOrEmpty();

        var second = ResponsesGateway.Options(ResponseItem.CreateFunctionCallOutputItem(call.CallId, """{"temperature":"21C"}"""));
        second.PreviousResponseId = asked.Id;
        second.Tools.Add(ResponsesGateway.WeatherTool);
        ResponseResult answered = await client.CreateResponseAsync(second);

        answered.PreviousResponseId.ShouldBe(asked.Id);
        answered.OutputItems.OfType<FunctionCallResponseItem>().ShouldBeEmpty();
        answered.GetOutputText().ShouldNotBeNullOrWhiteSpace();
        // Continued from the stored turns, the prompt holds the first question and the call, not only the output.
        answered.Usage.InputTokenCount.ShouldBeGreaterThan(asked.Usage.InputTokenCount);
    }

    [Fact]
    public async Task A_function_call_answered_by_resending_the_items_without_storing_ends_in_a_text_answer()
    {
        var client = _gateway.CreateResponsesClient();
        var question = ResponseItem.CreateUserMessageItem("use get_weather for Paris");
        var first = ResponsesGateway.Options(question);
        first.Tools.Add(ResponsesGateway.WeatherTool);
        first.StoredOutputEnabled = false;
        ResponseResult asked = await client.CreateResponseAsync(first);
        var call = asked.OutputItems.OfType<FunctionCallResponseItem>().ShouldHaveSingleItem();

        var second = ResponsesGateway.Options([question, .. asked.OutputItems, ResponseItem.CreateFunctionCallOutputItem(call.CallId, "sunny")]);
        second.Tools.Add(ResponsesGateway.WeatherTool);
        second.StoredOutputEnabled = false;
        ResponseResult answered = await client.CreateResponseAsync(second);

        answered.OutputItems.OfType<FunctionCallResponseItem>().ShouldBeEmpty();
        answered.GetOutputText().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Streamed_function_call_arguments_assemble_into_the_call_of_the_completed_response()
    {
        var options = ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("use get_weather for Paris"));
        options.Tools.Add(ResponsesGateway.WeatherTool);
        var arguments = new Dictionary<string, StringBuilder>();
        FunctionCallResponseItem? added = null, done = null;
        ResponseResult? completed = null;

        await foreach (var update in await _gateway.CreateResponsesClient().CreateResponseStreamingAsync(ResponsesGateway.Streamed(options)))
        {
            switch (update)
            {
                case StreamingResponseOutputItemAddedUpdate { Item: FunctionCallResponseItem call }: added = call; break;
                case StreamingResponseFunctionCallArgumentsDeltaUpdate delta:
                    (arguments.TryGetValue(delta.ItemId, out var text) ? text : arguments[delta.ItemId] = new StringBuilder()).Append(delta.Delta);
                    break;
                case StreamingResponseOutputItemDoneUpdate { Item: FunctionCallResponseItem call }: done = call; break;
                case StreamingResponseCompletedUpdate finished: completed = finished.Response; break;
            }
        }

        added.ShouldNotBeNull();
        added.FunctionName.ShouldBe("get_weather");
        var assembled = arguments.ShouldHaveSingleItem();
        assembled.Key.ShouldBe(added.Id);
        assembled.Value.Length.ShouldBeGreaterThan(0);
        done.ShouldNotBeNull();
        done.FunctionArguments.ToString().ShouldBe(assembled.Value.ToString());
        var final = completed.ShouldNotBeNull().OutputItems.OfType<FunctionCallResponseItem>().ShouldHaveSingleItem();
        (final.Id, final.CallId, final.FunctionArguments.ToString()).ShouldBe((added.Id, added.CallId, assembled.Value.ToString()));
        JsonDocument.Parse(final.FunctionArguments.ToString()).RootElement.GetProperty("city").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task A_stored_response_is_read_back_and_deleted_and_is_then_gone()
    {
        var client = _gateway.CreateResponsesClient();
        ResponseResult created = await client.CreateResponseAsync(ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("Hello there")));

        ResponseResult read = await client.GetResponseAsync(created.Id);
        (read.Id, read.GetOutputText(), read.Usage.TotalTokenCount).ShouldBe((created.Id, created.GetOutputText(), created.Usage.TotalTokenCount));

        ResponseDeletionResult deleted = await client.DeleteResponseAsync(created.Id);
        (deleted.ResponseId, deleted.Deleted).ShouldBe((created.Id, true));
        (await Should.ThrowAsync<ClientResultException>(() => client.GetResponseAsync(created.Id))).Status.ShouldBe(404);
        (await Should.ThrowAsync<ClientResultException>(() => client.DeleteResponseAsync(created.Id))).Status.ShouldBe(404);
    }

    [Fact]
    public async Task A_response_asked_not_to_be_stored_cannot_be_read_or_continued()
    {
        var client = _gateway.CreateResponsesClient();
        var options = ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("Hello there"));
        options.StoredOutputEnabled = false;
        ResponseResult created = await client.CreateResponseAsync(options);

        (await Should.ThrowAsync<ClientResultException>(() => client.GetResponseAsync(created.Id))).Status.ShouldBe(404);
        var (status, body) = await _gateway.PostAsync($$"""{"model":"{{ResponsesGateway.Model}}","previous_response_id":"{{created.Id}}","input":"and then?"}""");
        status.ShouldBe(400);
        ResponsesGateway.ErrorOf(body).ShouldBe(("previous_response_id", "previous_response_not_found"));
    }

    [Fact]
    public async Task Another_users_response_is_not_found_by_get_delete_or_previous_response_id_and_stays_its_owners()
    {
        ResponseResult created = await _gateway.CreateResponsesClient().CreateResponseAsync(ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("Hello there")));
        var stranger = _gateway.CreateResponsesClient(ResponsesGateway.OtherUsersKey);

        (await Should.ThrowAsync<ClientResultException>(() => stranger.GetResponseAsync(created.Id))).Status.ShouldBe(404);
        (await Should.ThrowAsync<ClientResultException>(() => stranger.DeleteResponseAsync(created.Id))).Status.ShouldBe(404);
        var (status, body) = await _gateway.PostAsync($$"""{"model":"{{ResponsesGateway.Model}}","previous_response_id":"{{created.Id}}","input":"and then?"}""",
            ResponsesGateway.OtherUsersKey);
        status.ShouldBe(400);
        ResponsesGateway.ErrorOf(body).ShouldBe(("previous_response_id", "previous_response_not_found"));

        ResponseResult owners = await _gateway.CreateResponsesClient().GetResponseAsync(created.Id);
        owners.GetOutputText().ShouldBe(created.GetOutputText());
    }

    [Fact]
    public async Task Reasoning_effort_brings_a_reasoning_item_before_the_message_and_its_tokens_in_the_usage()
    {
        var options = ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("Think about gateways"));
        options.ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = ResponseReasoningEffortLevel.Low };

        ResponseResult response = await _gateway.CreateResponsesClient().CreateResponseAsync(options);

        response.OutputItems.Count.ShouldBe(2);
        var reasoning = response.OutputItems[0].ShouldBeAssignableTo<ReasoningResponseItem>();
        reasoning.Id.ShouldStartWith("rs_");
        response.OutputItems[1].ShouldBeAssignableTo<MessageResponseItem>();
        response.Usage.OutputTokenDetails.ReasoningTokenCount.ShouldBeGreaterThan(0);
        response.Usage.OutputTokenDetails.ReasoningTokenCount.ShouldBeLessThan(response.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Streamed_reasoning_comes_as_reasoning_text_deltas_before_the_answers_text()
    {
        var options = ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("Think about gateways"));
        options.ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = ResponseReasoningEffortLevel.Low };
        var order = new List<string>();
        var reasoning = new StringBuilder();
        ResponseResult? completed = null;

        await foreach (var update in await _gateway.CreateResponsesClient().CreateResponseStreamingAsync(ResponsesGateway.Streamed(options)))
        {
            switch (update)
            {
                case StreamingResponseReasoningTextDeltaUpdate delta:
                    reasoning.Append(delta.Delta);
                    order.Add("reasoning");
                    break;
                case StreamingResponseOutputTextDeltaUpdate: order.Add("text"); break;
                case StreamingResponseCompletedUpdate done: completed = done.Response; break;
            }
        }

        reasoning.Length.ShouldBeGreaterThan(0);
        order.Distinct().ShouldBe(["reasoning", "text"]);
        var output = completed.ShouldNotBeNull().OutputItems;
        output.Count.ShouldBe(2);
        output[0].ShouldBeAssignableTo<ReasoningResponseItem>();
        output[1].ShouldBeAssignableTo<MessageResponseItem>();
        completed.Usage.OutputTokenDetails.ReasoningTokenCount.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task An_answer_cut_at_max_output_tokens_is_incomplete_for_that_reason()
    {
        var options = ResponsesGateway.Options(ResponseItem.CreateUserMessageItem("Tell me everything"));
        options.MaxOutputTokenCount = 3;

        ResponseResult response = await _gateway.CreateResponsesClient().CreateResponseAsync(options);

        response.Status.ShouldBe(ResponseStatus.Incomplete);
        response.IncompleteStatusDetails.Reason.ShouldBe(ResponseIncompleteStatusReason.MaxOutputTokens);
        response.Usage.OutputTokenCount.ShouldBe(3);
        response.MaxOutputTokenCount.ShouldBe(3);
    }
}
