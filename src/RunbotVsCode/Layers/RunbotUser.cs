namespace RunbotVsCode.Layers;

/// <summary>
/// The identity of the runbot process, which runbot puts first in every layer's values as
/// <c>USERUID</c>, <c>USERGID</c> and <c>USERNAME</c>, and names in the final <c>USER</c> line.
/// </summary>
/// <param name="Uid">The numeric user id (<c>os.getuid()</c> of the runbot process).</param>
/// <param name="Gid">The numeric group id (<c>os.getgid()</c> of the runbot process).</param>
/// <param name="Name">The user name (<c>getpass.getuser()</c> of the runbot process).</param>
public sealed record RunbotUser(int Uid, int Gid, string Name);
