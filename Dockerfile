# Bounce Doctor as a container, for teams that host it outside App Service.
#   docker build -t bounce-doctor .
#   docker run --rm -p 3978:3978 --env-file .env bounce-doctor
# The image runs the same bundle as the App Service zip: dist/, production node_modules, cards/, locales/.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: install everything, compile TypeScript, drop the dev dependencies ---------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing the bot runs needs them (the only native module, dtrace-provider, is optional).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bot ./bot
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# --- runtime: just the bundle, owned by root, run as the unprivileged "node" user -----------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY cards ./cards
COPY locales ./locales
USER node
EXPOSE 3978
# Liveness: the process answers /healthz (node's own fetch: the slim image has no curl). Not /readyz: an
# orchestrator that restarts unhealthy containers would restart every one during a storage outage, which a
# restart cannot fix; the bot still diagnoses without storage. Point readiness probes (Kubernetes,
# App Service) at /readyz instead: it is 200 only while storage answers (deploy/README.md).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node runs as PID 1 and handles SIGTERM itself (bot/index.ts): docker stop lets it shut down cleanly.
STOPSIGNAL SIGTERM
CMD ["node", "dist/bot/index.js"]
