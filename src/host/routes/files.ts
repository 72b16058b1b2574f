import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// PLACEHOLDER until the files routes land.
const routes: FastifyPluginAsyncTypebox = async () => {};
export default routes;
