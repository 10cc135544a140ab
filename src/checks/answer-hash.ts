// The stored answer formats live in core/ (lint reads their cost too); checks and `tp lab hash` import them from here.
export * from '../core/answer-hash.js';
