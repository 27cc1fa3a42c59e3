using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.RateLimiting;

namespace Gatewayz.Api.Inference;

/// <summary>A chat request that passed admission: who sent it, what it asks, the model, and its budget ticket.</summary>
public sealed record AdmittedChat(ClientIdentity Client, ChatRequest Request, CatalogModel Model, RateLimitTicket Ticket);
