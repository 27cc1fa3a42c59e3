using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Inference;

public sealed record InferenceResult(ResolvedRoute Route, ChatCompletion Completion);
