import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// PLACEHOLDER until the logs routes land.
const routes: FastifyPluginAsyncTypebox = async () => {};
export default routes;
