using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Inference;

/// <summary>
/// A request that passed admission: who sent it, what it asks, the model, the identity its answer
/// will carry, and what it owes once it ends.
/// </summary>
public sealed record AdmittedRequest<TRequest>(ClientIdentity Client, TRequest Request, CatalogModel Model, ResponseIdentity Identity, RequestSettlement Settlement);
