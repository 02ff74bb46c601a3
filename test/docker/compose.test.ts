// docker/compose*.yaml, checked offline (no Docker engine needed): the structure the issue asks for,
// pinned images, health checks, references that resolve after merging each override, Suqiu's
// services pointed at the cluster by environment only, and commands that exist in package.json.
// `docker-compose config` on the same combinations: compose-config.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BASE, DOCKER, ROOT, combinations, merged, namedVolume, overrideFiles, packageJson, rawCompose, readCompose, suqiuServices, words,
  type Compose,
} from './support.js';

const label = (files: string[]) => ['compose.yaml', ...files].join(' + ');
const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];

/** host:container pairs of a service's `ports:` */
const portPairs = (ports: string[]) => ports.map((p) => p.split('/')[0]!.split(':').slice(-2).join(':'));

function allImages(c: Compose): [string, string][] {
  return Object.entries(c.services).filter(([, s]) => s.image !== undefined).map(([name, s]) => [name, s.image!]);
}

describe('the compose files', () => {
  it('are compose.yaml and its variants for Elasticsearch, PostgreSQL and the Camunda tests', () => {
    expect(overrideFiles()).toEqual(['compose.elasticsearch.yaml', 'compose.postgres.yaml', 'compose.test.yaml']);
  });

  it.each([BASE, ...overrideFiles()])('%s has only top-level keys Debian\'s docker-compose 1.29 also reads', (file) => {
    // `name:` and `include:` would be newer than the checker CI runs; the project name is in docker/.env
    for (const key of Object.keys(rawCompose(file))) expect(['services', 'volumes', 'networks', 'configs', 'secrets']).toContain(key);
  });

  it('name the project in docker/.env, which holds nothing else', () => {
    const lines = readFileSync(join(DOCKER, '.env'), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(lines).toEqual(['COMPOSE_PROJECT_NAME=suqiu']);
  });
});

describe('compose.yaml: Camunda 8.9 lightweight', () => {
  const c = readCompose(BASE);
  const orchestration = c.services.orchestration!;

  it('runs the orchestration cluster from the camunda/camunda 8.9 image', () => {
    expect(orchestration.image).toMatch(/^camunda\/camunda:8\.9\.\d+$/);
    expect(c.services['camunda-data-init']?.image).toBe(orchestration.image);
  });

  it('publishes gRPC 26500, REST/Operate/Tasklist 8080 and management 9600', () => {
    expect(portPairs(orchestration.ports).sort()).toEqual(['26500:26500', '8080:8080', '9600:9600']);
  });

  it('keeps Camunda\'s data in named volumes, with file-based H2 as secondary storage', () => {
    const env = orchestration.environment;
    expect(env).toMatchObject({ CAMUNDA_DATA_SECONDARY_STORAGE_TYPE: 'rdbms', CAMUNDA_DATA_SECONDARY_STORAGE_RDBMS_DATABASEVENDORID: 'h2' });
    const url = env.CAMUNDA_DATA_SECONDARY_STORAGE_RDBMS_URL!;
    expect(url).toMatch(/^jdbc:h2:file:\//);
    const h2Folder = url.slice('jdbc:h2:file:'.length).replace(/\/[^/]+$/, '');
    const mounts = orchestration.volumes.map((v) => v.split(':'));
    expect(mounts.find(([, target]) => target === h2Folder)?.[0], `a volume at ${h2Folder}`).toBe('camunda-secondary');
    expect(mounts.find(([, target]) => target === '/usr/local/camunda/data')?.[0]).toBe('camunda-zeebe');
  });

  it('has the lightweight setup\'s login (demo / demo) on the web UIs and open APIs', () => {
    expect(orchestration.environment).toMatchObject({
      CAMUNDA_SECURITY_AUTHENTICATION_METHOD: 'basic',
      CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI: 'true',
      CAMUNDA_SECURITY_INITIALIZATION_USERS_0_USERNAME: 'demo',
      CAMUNDA_SECURITY_INITIALIZATION_USERS_0_PASSWORD: 'demo',
      CAMUNDA_SECURITY_INITIALIZATION_DEFAULTROLES_ADMIN_USERS_0: 'demo',
    });
    // clock control is for the tests only (compose.test.yaml)
    expect(orchestration.environment.ZEEBE_CLOCK_CONTROLLED).toBeUndefined();
  });

  it('checks the cluster\'s health on its management port', () => {
    const test = words(orchestration.healthcheck?.test).join(' ');
    expect(test).toContain('/dev/tcp/127.0.0.1/9600');
    expect(test).toContain('/actuator/health/readiness');
  });

  it('runs Suqiu\'s deploy, seed and workers from docker/Dockerfile, one image tagged with the package version', () => {
    const built = suqiuServices(c);
    expect(built.map(([name]) => name).sort()).toEqual(['deploy', 'seed', 'workers']);
    for (const [name, s] of built) {
      expect(s.build, name).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
      expect(s.image, name).toBe(`suqiu:${packageJson().version}`);
    }
    expect(existsSync(join(DOCKER, '..', 'docker/Dockerfile'))).toBe(true);
  });

  it('deploys workflows/*.bpmn once the cluster is healthy, and starts the workers after the deployment and the seed', () => {
    const { deploy, seed, workers } = c.services;
    expect(words(deploy!.command)).toEqual(['npm', 'run', 'deploy:workflows']);
    expect(deploy!.depends_on).toEqual({ orchestration: { condition: 'service_healthy' } });
    expect(words(seed!.command)).toEqual(['npm', 'run', 'db:seed']);
    expect(workers!.depends_on).toEqual({ deploy: { condition: 'service_completed_successfully' }, seed: { condition: 'service_completed_successfully' } });
    expect(portPairs(workers!.ports)).toEqual(['9464:9464']);
    expect(words(workers!.healthcheck?.test).join(' ')).toContain('http://127.0.0.1:9464/health');
  });

  it('points Suqiu\'s services at the cluster by environment only, through its service name', () => {
    for (const [name, s] of suqiuServices(c)) {
      const grpc = s.environment.ZEEBE_GRPC_ADDRESS;
      if (grpc === undefined) continue; // the seed talks to the store only
      expect(grpc, name).toBe('grpc://orchestration:26500');
      expect(s.environment.CAMUNDA_AUTH_STRATEGY, name).toBe('NONE');
      for (const key of ['ZEEBE_REST_ADDRESS', 'CAMUNDA_REST_ADDRESS']) {
        if (s.environment[key] !== undefined) expect(s.environment[key], `${name} ${key}`).toMatch(/^http:\/\/orchestration:8080(\/v2)?$/);
      }
    }
  });

  it('keeps the business store on a named volume shared by the seed and the workers', () => {
    for (const name of ['seed', 'workers']) {
      const s = c.services[name]!;
      expect(s.environment.SUQIU_STORE_PATH, name).toBe('/data/suqiu.db');
      expect(s.volumes, name).toContain('suqiu-data:/data');
    }
    expect(Object.keys(c.volumes)).toContain('suqiu-data');
  });
});

describe('the variants', () => {
  it('compose.elasticsearch.yaml switches secondary storage to its own Elasticsearch service', () => {
    const c = merged('compose.elasticsearch.yaml');
    expect(c.services.orchestration!.environment).toMatchObject({
      CAMUNDA_DATA_SECONDARY_STORAGE_TYPE: 'elasticsearch',
      CAMUNDA_DATA_SECONDARY_STORAGE_ELASTICSEARCH_URL: 'http://elasticsearch:9200',
    });
    expect(c.services.orchestration!.depends_on.elasticsearch).toEqual({ condition: 'service_healthy' });
    expect(c.services.elasticsearch!.image).toMatch(/^docker\.elastic\.co\/elasticsearch\/elasticsearch:8\.\d+\.\d+$/);
  });

  it('compose.postgres.yaml switches secondary storage to its own PostgreSQL, with a password from the shell', () => {
    const c = merged('compose.postgres.yaml');
    const env = c.services.orchestration!.environment;
    expect(env).toMatchObject({
      CAMUNDA_DATA_SECONDARY_STORAGE_TYPE: 'rdbms',
      CAMUNDA_DATA_SECONDARY_STORAGE_RDBMS_DATABASEVENDORID: 'postgresql',
      CAMUNDA_DATA_SECONDARY_STORAGE_RDBMS_URL: `jdbc:postgresql://postgres:5432/${c.services.postgres!.environment.POSTGRES_DB}`,
      CAMUNDA_DATA_SECONDARY_STORAGE_RDBMS_USERNAME: c.services.postgres!.environment.POSTGRES_USER,
    });
    expect(env.CAMUNDA_DATA_SECONDARY_STORAGE_RDBMS_PASSWORD).toMatch(/^\$\{CAMUNDA_POSTGRES_PASSWORD:\?[^}]+\}$/);
    expect(c.services.postgres!.environment.POSTGRES_PASSWORD).toBe(env.CAMUNDA_DATA_SECONDARY_STORAGE_RDBMS_PASSWORD);
    expect(c.services.postgres!.image).toMatch(/^postgres:16\.\d+(-[a-z0-9.]+)?$/);
  });

  it('compose.test.yaml allows clock control and keeps Suqiu\'s own workers and seed off', () => {
    const c = merged('compose.test.yaml');
    expect(c.services.orchestration!.environment.ZEEBE_CLOCK_CONTROLLED).toBe('true');
    expect(c.services.workers!.profiles).toEqual(['app']);
    expect(c.services.seed!.profiles).toEqual(['app']);
    expect(c.services.deploy!.profiles).toBeUndefined();
  });

  it.each(overrideFiles())('%s only extends services that exist or defines them whole', (file) => {
    const base = readCompose(BASE);
    for (const [name, s] of Object.entries(readCompose(file).services)) {
      if (base.services[name] === undefined) expect(s.image ?? s.build, `${file}: new service ${name} needs an image`).toBeDefined();
    }
  });
});

describe.each(combinations().map((files) => ({ files, where: label(files) })))('$where', ({ files, where }) => {
  const c = merged(...files);

  it('pins every image to an exact version (no latest, no bare major)', () => {
    for (const [name, image] of allImages(c)) {
      const tag = /:([^/:@]+)$/.exec(image)?.[1];
      expect(tag, `${where}: ${name} has no tag`).toBeDefined();
      expect(tag, `${where}: ${name}`).not.toMatch(/latest|^\d+$|^\d+-/);
      expect(tag, `${where}: ${name}`).toMatch(/^v?\d+\.\d+/);
      expect(image, `${where}: ${name}`).not.toContain('${');
    }
  });

  it('gives every long-running service a health check, and every one-shot restart "no"', () => {
    for (const [name, s] of Object.entries(c.services)) {
      const oneShot = s.restart === 'no';
      if (oneShot) continue;
      expect(s.healthcheck?.test, `${where}: ${name} has no health check`).toBeDefined();
      expect(s.healthcheck?.interval, `${where}: ${name}`).toBeDefined();
      expect(s.healthcheck?.retries, `${where}: ${name}`).toBeGreaterThan(0);
    }
  });

  it('depends only on services that exist, with conditions they can meet', () => {
    for (const [name, s] of Object.entries(c.services)) {
      for (const [other, { condition }] of Object.entries(s.depends_on)) {
        const target = c.services[other];
        expect(target, `${where}: ${name} depends on a missing ${other}`).toBeDefined();
        expect(CONDITIONS).toContain(condition);
        if (condition === 'service_healthy') expect(target!.healthcheck, `${where}: ${other} needs a health check`).toBeDefined();
        if (condition === 'service_completed_successfully') expect(target!.restart, `${where}: ${other} must be a one-shot`).toBe('no');
        // a service switched off by a profile cannot be waited for by one that is on
        if (s.profiles === undefined) expect(target!.profiles, `${where}: ${name} waits for ${other}, which is in a profile`).toBeUndefined();
      }
    }
  });

  it('declares every named volume it mounts, and mounts every volume it declares', () => {
    const mounted = new Set(Object.values(c.services).flatMap((s) => s.volumes.map(namedVolume)).filter((v) => v !== undefined));
    for (const volume of mounted) expect(Object.keys(c.volumes), `${where}: volume ${volume}`).toContain(volume);
    for (const volume of Object.keys(c.volumes)) expect(mounted.has(volume), `${where}: volume ${volume} is never mounted`).toBe(true);
  });

  it('publishes each host port once', () => {
    const hostPorts = Object.values(c.services).flatMap((s) => portPairs(s.ports).map((p) => p.split(':')[0]));
    expect(hostPorts.length).toBe(new Set(hostPorts).size);
  });

  it('runs only npm scripts that package.json has, and only files that exist', () => {
    const { scripts } = packageJson();
    for (const [name, s] of Object.entries(c.services)) {
      if (s.build === undefined) continue;
      const command = words(s.command);
      if (command[0] === 'npm') {
        expect(command[1], `${where}: ${name}`).toBe('run');
        expect(Object.keys(scripts), `${where}: ${name} runs npm run ${command[2]}`).toContain(command[2]);
      } else if (command[0] === 'node') {
        const file = command.find((w) => w.endsWith('.ts'));
        expect(file && existsSync(join(ROOT, file)), `${where}: ${name} runs ${command.join(' ')}`).toBe(true);
      }
    }
  });

  it('names, in ${...}, only variables that have a default or stop with a message, all in docker/README.md', () => {
    const readme = readFileSync(join(DOCKER, 'README.md'), 'utf8');
    const text = [BASE, ...files].map((f) => readFileSync(join(DOCKER, f), 'utf8')).join('\n');
    for (const [, body] of text.matchAll(/\$\{([^}]+)\}/g)) {
      const [, name, kind] = /^([A-Z_][A-Z0-9_]*)(:[-?])?/.exec(body!) ?? [];
      expect(kind, `\${${body}} in ${where}`).toBeDefined();
      expect(readme, `${name} is not explained in docker/README.md`).toContain(`\`${name}\``);
    }
  });
});
