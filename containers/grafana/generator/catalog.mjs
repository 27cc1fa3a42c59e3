// Every dashboard's folder, uid and title, so dashboards can link to each other by name.
export const dashboards = {
  goldenSignals: { folder: 'golden-signals', uid: 'gatewayz-golden-signals', title: 'Four Golden Signals' },
  executive: { folder: 'executive', uid: 'gatewayz-executive-overview', title: 'Executive Overview' },
  backend: { folder: 'backend', uid: 'gatewayz-backend-services', title: 'Backend Services' },
  callProfile: { folder: 'model-performance', uid: 'gatewayz-inference-call-profile', title: 'Inference Call Profile' },
  modelUsage: { folder: 'model-performance', uid: 'gatewayz-model-usage', title: 'Model Usage' },
  cacheProfile: { folder: 'model-performance', uid: 'gatewayz-cache-layer-profile', title: 'Cache Layer Profile' },
  profiling: { folder: 'model-performance', uid: 'gatewayz-inference-profiling', title: 'Inference Profiling' },
  providerDirectory: { folder: 'model-performance', uid: 'gatewayz-provider-directory', title: 'Provider Directory' },
  providerHealth: { folder: 'providers', uid: 'gatewayz-provider-health', title: 'Provider Health' },
  gatewayComparison: { folder: 'gateway', uid: 'gatewayz-gateway-comparison', title: 'Gateway Comparison' },
  business: { folder: 'business', uid: 'gatewayz-business-metrics', title: 'Business Metrics' },
  anomaly: { folder: 'anomaly', uid: 'gatewayz-anomaly-detection', title: 'Anomaly Detection' },
  database: { folder: 'database', uid: 'gatewayz-database-performance', title: 'Database Performance' },
  logs: { folder: 'loki', uid: 'gatewayz-loki-logs', title: 'Logs (Loki)' },
  traces: { folder: 'tempo', uid: 'gatewayz-tempo-traces', title: 'Traces (Tempo)' },
  prometheus: { folder: 'prometheus', uid: 'gatewayz-prometheus', title: 'Prometheus Self-Monitoring' },
  mimir: { folder: 'mimir', uid: 'gatewayz-mimir', title: 'Mimir' },
};

/** `{ uid, title, folder }` of a dashboard, plus the file name it is written to. */
export const fileName = (d) => `${d.uid.replace(/^gatewayz-/, '')}.json`;
