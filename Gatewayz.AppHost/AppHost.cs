using Gatewayz.AppHost;
using Gatewayz.AppHost.Stack;

var builder = DistributedApplication.CreateBuilder(args);

#if COMPOSE
// Built with -p:GatewayzCompose=true, `aspire publish` writes docker-compose.yaml and .env for this environment.
builder.AddDockerComposeEnvironment("compose");
#endif

// Containers where a container engine answers, local processes where none does (Gatewayz:Stack:Mode).
var stack = StackSettings.Resolve(builder);
var email = AlertEmailSettings.FromParameters(builder);

if (stack.Mode == StackMode.Containers)
    ContainerStack.Add(builder, email);
else
    ProcessStack.Add(builder, stack, email);

builder.LogStackMode(stack);
builder.Build().Run();
