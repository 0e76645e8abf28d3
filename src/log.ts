import createDebug from 'debug';

/** Namespaced debug logging: `DEBUG=briefkit:* briefkit build`. */
export const debug = (namespace: string) => createDebug(`briefkit:${namespace}`);
