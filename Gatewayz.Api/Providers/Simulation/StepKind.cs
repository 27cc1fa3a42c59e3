namespace Gatewayz.Api.Providers.Simulation;

/// <summary>What one stream event carries for a choice, before the event with its finish reason.</summary>
public enum StepKind
{
    /// <summary>The role and empty text, as OpenAI's first event of a text answer.</summary>
    Role,
    /// <summary>Reasoning tokens <see cref="ChoiceStep.From"/> to <see cref="ChoiceStep.From"/> + <see cref="ChoiceStep.Length"/>, as <c>reasoning_content</c>.</summary>
    Reasoning,
    /// <summary>Tokens <see cref="ChoiceStep.From"/> to <see cref="ChoiceStep.From"/> + <see cref="ChoiceStep.Length"/>.</summary>
    Text,
    /// <summary>A call's index, id, type and function name, with empty arguments.</summary>
    CallStart,
    /// <summary>Characters <see cref="ChoiceStep.From"/> to <see cref="ChoiceStep.From"/> + <see cref="ChoiceStep.Length"/> of a call's arguments.</summary>
    Arguments,
}
