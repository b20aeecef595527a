const config = { retries: 3, hosts: ['a', 'b', 'c'] };
const copy = { ...config };
console.log('npm project', copy.hosts.length);
