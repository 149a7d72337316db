import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OfficeApp } from './OfficeApp';
import '../src/styles.css';
import './office.css';

const root = document.getElementById('root');
if (!root) throw new Error('office.html has no #root');
createRoot(root).render(
  <StrictMode>
    <OfficeApp />
  </StrictMode>,
);
