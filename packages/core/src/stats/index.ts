// Statistics for one person's data (n-of-1). Pure: no I/O.
export {};
