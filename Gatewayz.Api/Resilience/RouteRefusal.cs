using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// Why a route cannot take a request: the 400 the client gets when every route refuses it, and the
/// <c>reason</c> label its skip counts under in <c>gatewayz_failovers_total</c>.
/// </summary>
/// <param name="Error">A 400 naming what the route's provider cannot take.</param>
/// <param name="FailoverReason">One of <see cref="FailoverReasons"/>.</param>
public sealed record RouteRefusal(GatewayError Error, string FailoverReason);
