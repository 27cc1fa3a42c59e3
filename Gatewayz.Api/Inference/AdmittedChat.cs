using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Inference;

/// <summary>
/// A chat request that passed admission: who sent it, what it asks, the model, the identity its answer
/// will carry, and what it owes once it ends.
/// </summary>
public sealed record AdmittedChat(ClientIdentity Client, ChatRequest Request, CatalogModel Model, ResponseIdentity Identity, RequestSettlement Settlement);
