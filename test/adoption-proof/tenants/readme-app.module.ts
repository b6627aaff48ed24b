// Stands for the README's app.module.ts (../app/src), which the proof copies beside the tenants'
// app.module.ts under this name.
export { ReportsController } from '../app/src/app.module.js';
