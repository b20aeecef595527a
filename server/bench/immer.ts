import { enableMapSet, setAutoFreeze } from 'immer';

// Immer as the issue compares it: no auto-freeze (Mutative does not freeze by default either),
// with Map and Set support.
setAutoFreeze(false);
enableMapSet();
