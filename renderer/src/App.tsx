import { MODEL_IDS, MODELS } from '../../shared/models';

/** Placeholder shell until the canvas lands: lists the models the registry knows. */
export function App() {
  return (
    <main aria-label="Seedance Flow">
      <h1>Seedance Flow</h1>
      <ul aria-label="Models">
        {MODEL_IDS.map((id) => (
          <li key={id}>{MODELS[id].name}</li>
        ))}
      </ul>
    </main>
  );
}
