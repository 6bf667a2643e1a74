namespace RunbotVsCode.Hosting;

/// <summary>The result of one check of <c>runbot-vscode doctor</c>.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Passed">Whether it is fine.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">What to do when it failed; empty when it passed.</param>
public sealed record DoctorCheck(string Name, bool Passed, string Detail, string Fix = "");
