// Telemetry and analytics SDKs: importing one is a capability, initialising or calling it sends data out.

export interface TelemetrySdk {
  /** Top-level module users import. */
  module: string;
  vendor: string;
  /** Calls (relative to the module) that start sending data. */
  sends: string[];
}

export const TELEMETRY_SDKS: TelemetrySdk[] = [
  { module: 'sentry_sdk', vendor: 'Sentry', sends: ['init', 'capture_exception', 'capture_message', 'capture_event'] },
  {
    module: 'raven',
    vendor: 'Sentry (raven)',
    sends: ['Client', 'Client().captureException', 'Client().captureMessage'],
  },
  {
    module: 'posthog',
    vendor: 'PostHog',
    sends: ['capture', 'identify', 'Posthog', 'Posthog().capture', 'Client().capture'],
  },
  { module: 'mixpanel', vendor: 'Mixpanel', sends: ['Mixpanel', 'Mixpanel().track', 'Mixpanel().people_set'] },
  { module: 'analytics', vendor: 'Segment', sends: ['track', 'identify', 'page', 'Client', 'Client().track'] },
  { module: 'segment.analytics', vendor: 'Segment', sends: ['track', 'identify', 'Client', 'Client().track'] },
  { module: 'amplitude', vendor: 'Amplitude', sends: ['Amplitude', 'Amplitude().track'] },
  {
    module: 'datadog',
    vendor: 'Datadog',
    sends: ['initialize', 'api.Event.create', 'statsd.increment', 'statsd.gauge'],
  },
  { module: 'ddtrace', vendor: 'Datadog APM', sends: ['patch_all', 'patch', 'tracer.trace'] },
  { module: 'opentelemetry.exporter', vendor: 'OpenTelemetry exporter', sends: [] },
  {
    module: 'opentelemetry.exporter.otlp.proto.http.trace_exporter',
    vendor: 'OpenTelemetry OTLP',
    sends: ['OTLPSpanExporter'],
  },
  {
    module: 'opentelemetry.exporter.otlp.proto.grpc.trace_exporter',
    vendor: 'OpenTelemetry OTLP',
    sends: ['OTLPSpanExporter'],
  },
  { module: 'newrelic', vendor: 'New Relic', sends: ['agent.initialize', 'agent.record_custom_event'] },
  { module: 'bugsnag', vendor: 'Bugsnag', sends: ['configure', 'notify'] },
  { module: 'rollbar', vendor: 'Rollbar', sends: ['init', 'report_exc_info', 'report_message'] },
  { module: 'honeybadger', vendor: 'Honeybadger', sends: ['honeybadger.configure', 'honeybadger.notify'] },
  {
    module: 'applicationinsights',
    vendor: 'Azure Application Insights',
    sends: ['TelemetryClient', 'TelemetryClient().track_event'],
  },
  {
    module: 'opencensus.ext.azure',
    vendor: 'Azure Monitor',
    sends: ['log_exporter.AzureLogHandler', 'trace_exporter.AzureExporter'],
  },
  { module: 'logzio', vendor: 'Logz.io', sends: ['handler.LogzioHandler'] },
  { module: 'keen', vendor: 'Keen', sends: ['add_event'] },
  { module: 'scarf', vendor: 'Scarf', sends: ['ScarfEventLogger', 'ScarfEventLogger().log_event'] },
];
