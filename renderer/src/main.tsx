import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';

// The Content-Security-Policy forbids eval: keep zod off its JIT path.
z.config({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
