import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DisplayApp } from './DisplayApp';
import '../src/styles.css';
import './display.css';

const root = document.getElementById('root');
if (!root) throw new Error('display.html has no #root');
createRoot(root).render(
  <StrictMode>
    <DisplayApp />
  </StrictMode>,
);
