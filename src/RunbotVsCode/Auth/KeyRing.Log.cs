using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Auth;

public sealed partial class KeyRing
{
    private static partial class Log
    {
        [LoggerMessage(
            EventId = 3001,
            EventName = "KeyRingCreated",
            Level = LogLevel.Information,
            Message = "Signing with key {KeyId}; {VerificationKeyCount} extra keys only verify.")]
        public static partial void KeyRingCreated(ILogger logger, string keyId, int verificationKeyCount);

        [LoggerMessage(
            EventId = 3002,
            EventName = "CurrentKeyChanged",
            Level = LogLevel.Information,
            Message = "The signing secret changed: key {KeyId} now signs in place of key {PreviousKeyId}.")]
        public static partial void CurrentKeyChanged(ILogger logger, string previousKeyId, string keyId);
    }
}
