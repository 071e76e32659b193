/** The start screen: a new empty graph, open a file, recent files, and the example pipelines as templates. */
import type { AppCommands } from './commands';
import { useShell } from '../store/shell';
import { TEMPLATES } from './templates';

export function StartScreen({ commands }: { commands: AppCommands }) {
  const recent = useShell((s) => s.recent);
  const version = useShell((s) => s.version);
  const mode = useShell((s) => s.mode);
  return (
    <section className="sf-start" aria-labelledby="sf-start-title">
      <h1 id="sf-start-title">Seedance Flow</h1>
      <p className="sf-hint">Wire clips, stills and audio into Seedance 2.0, run the graph, chain the results.</p>
      <div className="sf-start-actions">
        <button type="button" className="sf-primary" onClick={() => useShell.setState({ startDismissed: true })}>
          New empty graph
        </button>
        <button type="button" onClick={() => void commands.open()}>
          Open…
        </button>
      </div>
      <div className="sf-start-columns">
        <section aria-labelledby="sf-recent-title">
          <h2 id="sf-recent-title">Recent files</h2>
          {recent.length === 0 ? (
            <p className="sf-hint">No recent files yet.</p>
          ) : (
            <ul className="sf-start-list" aria-label="Recent files">
              {recent.map((file) => (
                <li key={file.path}>
                  <button type="button" onClick={() => void commands.open(file.path)} title={file.path}>
                    {file.name}
                  </button>
                  <span className="sf-hint"> {file.path}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="sf-templates-title">
          <h2 id="sf-templates-title">Templates</h2>
          <ul className="sf-start-list" aria-label="Templates">
            {TEMPLATES.map((template) => (
              <li key={template.file}>
                <button type="button" onClick={() => void commands.openTemplate(template)} aria-describedby={`sf-template-${template.file}`}>
                  {template.name}
                </button>
                <p id={`sf-template-${template.file}`} className="sf-hint">
                  {template.description}
                </p>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <p className="sf-hint" role="status" aria-label="App version">
        {version ? `Version ${version}${mode === 'browser' ? ' · browser mode' : ''}` : ''}
      </p>
    </section>
  );
}
