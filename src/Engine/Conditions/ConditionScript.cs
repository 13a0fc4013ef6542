using Acornima.Ast;
using Jint;

namespace WfaaS.Engine.Conditions;

/// <summary>
/// A <see cref="Condition"/>'s parsed script. A class of its own, so that loading <see cref="Condition"/>
/// (every definition's reader and planner does) loads neither Jint nor Acornima: only a definition
/// with a <c>when</c> does (docs/memory.md).
/// </summary>
internal sealed class ConditionScript(Prepared<Script> prepared)
{
    public Prepared<Script> Prepared => prepared;
}
