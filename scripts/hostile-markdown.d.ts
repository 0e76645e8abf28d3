/** Types of hostile-markdown.js (a plain script, so `npm run bench` runs it without compiling). */
type Generate = (bytes: number) => string;
export declare const accepted: Readonly<Record<string, Generate>>;
export declare const bounded: Readonly<Record<string, Generate>>;
export declare const hostileBrief: (body: string, front?: string) => string;
export declare const hostileStats: string;
