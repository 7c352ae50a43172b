# The API and worker image (one image, two commands): docker-compose.yml's `scale` profile and deploy/k8s use it.
# docker build -t g60-platform .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# The API alone; workers run `node dist/src/worker.js` (docker-compose.yml, deploy/k8s/worker.yaml).
CMD ["node", "dist/src/api.js"]
