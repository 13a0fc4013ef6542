namespace WfaaS.Api.Pages;

/// <summary>The pages' one stylesheet, served by the service itself (SPEC §11: no asset from outside, works offline).</summary>
internal static class SiteCss
{
    public const string Text = """
        :root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; background: #f8fafc; }
        body { margin: 0; }
        header { background: #1e293b; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1.5rem; align-items: center; }
        header a { color: #e2e8f0; text-decoration: none; margin-right: 1rem; }
        header a.brand { font-weight: 700; color: #fff; }
        main { padding: 1rem 1.5rem; max-width: 1200px; }
        h1 { font-size: 1.4rem; margin: .4rem 0 1rem; }
        h2 { font-size: 1.1rem; margin: 1.4rem 0 .6rem; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e2e8f0; vertical-align: top; font-size: .92rem; }
        th { background: #f1f5f9; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; background: #fff; padding: .8rem 1rem; border: 1px solid #e2e8f0; border-radius: 6px; }
        dl.facts dt { font-weight: 600; color: #475569; }
        dl.facts dd { margin: 0; }
        pre { background: #0f172a; color: #e2e8f0; padding: .6rem .8rem; border-radius: 6px; overflow-x: auto; font-size: .85rem; margin: 0; }
        .prompt { font-size: 1.25rem; background: #fff; border-left: 4px solid #2563eb; padding: .8rem 1rem; margin: 0 0 1rem; }
        form.decide { background: #fff; border: 1px solid #e2e8f0; border-radius: 6px; padding: 1rem; margin-top: 1rem; display: grid; gap: .6rem; max-width: 560px; }
        form label { display: grid; gap: .2rem; font-weight: 600; color: #475569; }
        input[type=text], input[type=password], textarea, select { font: inherit; padding: .4rem .5rem; border: 1px solid #cbd5e1; border-radius: 4px; }
        .buttons { display: flex; gap: .8rem; }
        button { font: inherit; padding: .5rem 1.2rem; border-radius: 4px; border: 1px solid transparent; cursor: pointer; }
        button.approve { background: #16a34a; color: #fff; }
        button.reject { background: #dc2626; color: #fff; }
        button.plain { background: #e2e8f0; }
        .message { background: #fff; border: 1px solid #e2e8f0; border-radius: 6px; padding: .8rem 1rem; }
        .decided { background: #ecfdf5; border: 1px solid #86efac; border-radius: 6px; padding: .8rem 1rem; }
        .decided.rejected { background: #fef2f2; border-color: #fca5a5; }
        .state { font-family: ui-monospace, monospace; font-size: .85rem; padding: .05rem .4rem; border-radius: 3px; background: #e2e8f0; }
        .state-SUCCESS { background: #bbf7d0; } .state-FAILURE, .state-REVERT_FAILURE, .state-FAILED { background: #fecaca; }
        .state-RUNNING { background: #bfdbfe; } .state-WAITING { background: #fde68a; } .state-REVERTED, .state-REVERTING { background: #ddd6fe; }
        .state-PAUSED, .state-RETRYING { background: #fed7aa; } .state-CANCELLED, .state-SKIPPED { background: #f1f5f9; }
        .layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
        @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
        .graph { background: #fff; border: 1px solid #e2e8f0; border-radius: 6px; padding: .5rem; overflow: auto; max-height: 80vh; }
        .graph svg { max-width: 100%; height: auto; }
        form.filter { display: flex; gap: .6rem; align-items: end; margin-bottom: 1rem; }
        ol.timeline { list-style: none; padding: 0; margin: 0; background: #fff; border: 1px solid #e2e8f0; border-radius: 6px; }
        ol.timeline li { padding: .3rem .7rem; border-bottom: 1px solid #f1f5f9; font-size: .88rem; }
        .muted { color: #64748b; }
        """;
}
