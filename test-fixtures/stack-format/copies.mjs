export const copyOf = (xs) => [...xs]
