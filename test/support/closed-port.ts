/**
 * A loopback port nothing listens on, so a connection to it is refused at once: the last
 * privileged port, where no test server goes and nothing here runs, and one `fetch` does not
 * refuse to try (it blocks 9 and other well-known ones). Unlike a port reserved and released,
 * nothing takes it in the meantime.
 */
export const CLOSED_PORT = 1023;
