// Specs start real providers in child processes. Jest 29 reads `testTimeout` only from the top
// config (a project's is ignored, with a warning), so the 30 s is set here, for both ways in.
jest.setTimeout(30_000);
