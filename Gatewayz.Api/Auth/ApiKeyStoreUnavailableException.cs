namespace Gatewayz.Api.Auth;

/// <summary>
/// A key store could not be asked (its database is unreachable): the key is neither known nor unknown. The auth
/// cache answers with the key's last resolution if it is recent enough; otherwise the caller gets a 503.
/// </summary>
public sealed class ApiKeyStoreUnavailableException(Exception inner) : Exception("The API key store is unreachable: " + inner.Message, inner);
