/** The major version of the Node that runs this process, which decides what reaches the module hooks. */
export const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
