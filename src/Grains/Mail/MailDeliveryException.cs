namespace PPipe.Grains.Mail;

/// <summary>A mail was not delivered to the SMTP server: refused for good, or every attempt failed.</summary>
public sealed class MailDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
