namespace PPipe.Frontend.Surveys;

/// <summary>The body of <c>PUT /api/v1/consent</c>: <c>{"given": true}</c> to allow research use, <c>false</c> to withdraw.</summary>
public sealed record ConsentRequest(bool? Given);
