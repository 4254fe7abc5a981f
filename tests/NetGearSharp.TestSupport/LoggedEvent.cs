using Microsoft.Extensions.Logging;

namespace NetGearSharp.TestSupport;

/// <summary>One line as a logger received it: its category, level, event id (with its name) and message.</summary>
public sealed record LoggedEvent(string Category, LogLevel Level, EventId EventId, string Message);
