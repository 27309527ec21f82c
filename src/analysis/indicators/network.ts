// The catalogue of network APIs, as data: which qualified names send data out, what kind of channel they
// are, and where their destination argument sits. docs/rules.md lists the same catalogue for users.

export type ChannelKind = 'http' | 'socket' | 'dns' | 'mail' | 'ftp' | 'rpc' | 'websocket' | 'ssh' | 'cloud' | 'telnet';

/** Where a call's destination is: a URL, a host (with an optional port), or a (host, port) address tuple. */
export interface DestinationArg {
  /** 'option': set on the object before the call (pycurl's `c.setopt(pycurl.URL, url)` before `c.perform()`). */
  form: 'url' | 'host' | 'address' | 'option';
  arg?: number;
  kw?: string;
  portArg?: number;
  portKw?: string;
}

export interface NetworkApi {
  /** Qualified name, e.g. "requests.post" or "requests.Session().post". */
  path: string;
  kind: ChannelKind;
  /** The library as users know it (for messages). */
  library: string;
  destination?: DestinationArg;
  /** Counts only when data is built into the destination (a browser opened on a fixed page sends nothing). */
  onlyWithData?: boolean;
  /** Positional arguments used on the machine and never sent (where a download is saved, a key that signs). */
  localArgs?: number[];
}

/**
 * Keyword arguments a network call uses on the machine and never sends: timeouts, TLS settings, where a download is
 * saved, and keys for SSH authentication (a key signs a challenge locally; the key itself is not transmitted).
 */
export const LOCAL_KEYWORDS = new Set([
  'timeout',
  'verify',
  'cert',
  'stream',
  'allow_redirects',
  'hooks',
  'filename',
  'reporthook',
  'key_filename',
  'pkey',
  'passphrase',
  'look_for_keys',
  'allow_agent',
]);

const URL0: DestinationArg = { form: 'url', arg: 0, kw: 'url' };
const URL1: DestinationArg = { form: 'url', arg: 1, kw: 'url' };
const HOST: DestinationArg = { form: 'host', arg: 0, kw: 'host', portArg: 1, portKw: 'port' };
const ADDRESS: DestinationArg = { form: 'address', arg: 0, kw: 'address' };

/** httpcore's connection pools and proxies (what httpx sends through). */
const HTTPCORE_POOLS = [
  'httpcore.ConnectionPool()',
  'httpcore.AsyncConnectionPool()',
  'httpcore.HTTPProxy()',
  'httpcore.AsyncHTTPProxy()',
];

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

function family(
  library: string,
  kind: ChannelKind,
  prefixes: string[],
  methods: string[],
  destination?: DestinationArg,
): NetworkApi[] {
  return prefixes.flatMap((prefix) =>
    methods.map((method) => ({ path: `${prefix}.${method}`, kind, library, destination })),
  );
}

function one(path: string, kind: ChannelKind, library: string, destination?: DestinationArg): NetworkApi {
  return { path, kind, library, destination };
}

export const NETWORK_APIS: NetworkApi[] = [
  // requests and its look-alikes
  ...family(
    'requests',
    'http',
    ['requests', 'requests.api', 'requests.Session()', 'requests.session()', 'requests.sessions.Session()'],
    HTTP_VERBS,
    URL0,
  ),
  ...family(
    'requests',
    'http',
    ['requests', 'requests.api', 'requests.Session()', 'requests.session()', 'requests.sessions.Session()'],
    ['request'],
    URL1,
  ),
  one('requests.Session().send', 'http', 'requests'),
  one('requests.sessions.Session().send', 'http', 'requests'),
  ...family('httpx', 'http', ['httpx', 'httpx.Client()', 'httpx.AsyncClient()'], HTTP_VERBS, URL0),
  ...family('httpx', 'http', ['httpx', 'httpx.Client()', 'httpx.AsyncClient()'], ['request', 'stream'], URL1),
  ...family('aiohttp', 'http', ['aiohttp.ClientSession()', 'aiohttp.request'], HTTP_VERBS, URL0),
  one('aiohttp.ClientSession().request', 'http', 'aiohttp', URL1),
  one('aiohttp.ClientSession().ws_connect', 'websocket', 'aiohttp', URL0),
  one('aiohttp.request', 'http', 'aiohttp', URL1),
  // urllib and friends
  one('urllib.request.urlopen', 'http', 'urllib', URL0),
  { ...one('urllib.request.urlretrieve', 'http', 'urllib', URL0), localArgs: [1, 2] },
  one('urllib.request.build_opener().open', 'http', 'urllib', { form: 'url', arg: 0, kw: 'fullurl' }),
  one('urllib.request.OpenerDirector().open', 'http', 'urllib', { form: 'url', arg: 0, kw: 'fullurl' }),
  one('urllib.request.URLopener().open', 'http', 'urllib', URL0),
  one('urllib.request.URLopener().retrieve', 'http', 'urllib', URL0),
  one('urllib.urlopen', 'http', 'urllib (Python 2)', URL0),
  { ...one('urllib.urlretrieve', 'http', 'urllib (Python 2)', URL0), localArgs: [1, 2] },
  one('urllib2.urlopen', 'http', 'urllib2', URL0),
  one('six.moves.urllib.request.urlopen', 'http', 'urllib', URL0),
  { ...one('six.moves.urllib.request.urlretrieve', 'http', 'urllib', URL0), localArgs: [1, 2] },
  ...['HTTPConnection', 'HTTPSConnection'].flatMap((cls) => [
    one(`http.client.${cls}`, 'http', 'http.client', HOST),
    one(`httplib.${cls}`, 'http', 'httplib', HOST),
    one(`six.moves.http_client.${cls}`, 'http', 'http.client', HOST),
  ]),
  one('http.client.HTTPConnection().request', 'http', 'http.client'),
  one('http.client.HTTPSConnection().request', 'http', 'http.client'),
  // urllib3
  ...family(
    'urllib3',
    'http',
    [
      'urllib3.PoolManager()',
      'urllib3.ProxyManager()',
      'urllib3.HTTPConnectionPool()',
      'urllib3.HTTPSConnectionPool()',
      'urllib3.poolmanager.PoolManager()',
    ],
    ['request', 'urlopen', 'request_encode_body', 'request_encode_url'],
    URL1,
  ),
  one('urllib3.request', 'http', 'urllib3', URL1),
  one('urllib3.connection_from_url', 'http', 'urllib3', URL0),
  one('urllib3.HTTPConnectionPool', 'http', 'urllib3', HOST),
  one('urllib3.HTTPSConnectionPool', 'http', 'urllib3', HOST),
  // urllib3's own connection layer (what requests and pip's vendored copy run on)
  one('urllib3.connection.HTTPConnection', 'http', 'urllib3', HOST),
  one('urllib3.connection.HTTPSConnection', 'http', 'urllib3', HOST),
  one('urllib3.util.connection.create_connection', 'socket', 'urllib3', ADDRESS),
  one('urllib3.util.create_connection', 'socket', 'urllib3', ADDRESS),
  one('urllib3.poolmanager.PoolManager().connection_from_url', 'http', 'urllib3', URL0),
  // other HTTP clients
  ...family('httplib2', 'http', ['httplib2.Http()'], ['request'], { form: 'url', arg: 0, kw: 'uri' }),
  one('pycurl.Curl().perform', 'http', 'pycurl', { form: 'option' }),
  one('tornado.httpclient.AsyncHTTPClient().fetch', 'http', 'tornado', URL0),
  one('tornado.httpclient.HTTPClient().fetch', 'http', 'tornado', URL0),
  // httpcore, the connection layer under httpx
  one('httpcore.request', 'http', 'httpcore', URL1),
  one('httpcore.stream', 'http', 'httpcore', URL1),
  ...family('httpcore', 'http', HTTPCORE_POOLS, ['request', 'stream'], URL1),
  ...family('httpcore', 'http', HTTPCORE_POOLS, ['handle_request', 'handle_async_request']),
  // raw sockets and DNS
  one('socket.create_connection', 'socket', 'socket', ADDRESS),
  one('socks.create_connection', 'socket', 'PySocks', ADDRESS),
  one('socks.socksocket().connect', 'socket', 'PySocks', ADDRESS),
  one('socket.socket().connect', 'socket', 'socket', ADDRESS),
  one('socket.socket().connect_ex', 'socket', 'socket', ADDRESS),
  one('socket.socket().sendto', 'socket', 'socket', { form: 'address', arg: 1 }),
  one('socket.gethostbyname', 'dns', 'socket', { form: 'host', arg: 0 }),
  one('socket.gethostbyname_ex', 'dns', 'socket', { form: 'host', arg: 0 }),
  one('socket.getaddrinfo', 'dns', 'socket', { form: 'host', arg: 0, kw: 'host', portArg: 1, portKw: 'port' }),
  one('asyncio.open_connection', 'socket', 'asyncio', HOST),
  ...['asyncio.get_event_loop()', 'asyncio.get_running_loop()'].map((loop) =>
    one(`${loop}.create_connection`, 'socket', 'asyncio', {
      form: 'host',
      arg: 1,
      kw: 'host',
      portArg: 2,
      portKw: 'port',
    }),
  ),
  // trio and anyio, the other async stacks
  one('trio.socket.socket().connect', 'socket', 'trio', ADDRESS),
  one('trio.socket.socket().sendto', 'socket', 'trio', { form: 'address', arg: 1 }),
  one('trio.open_tcp_stream', 'socket', 'trio', HOST),
  one('trio.open_ssl_over_tcp_stream', 'socket', 'trio', HOST),
  one('anyio.connect_tcp', 'socket', 'anyio', {
    form: 'host',
    arg: 0,
    kw: 'remote_host',
    portArg: 1,
    portKw: 'remote_port',
  }),
  // QUIC: aioquic's connection, and dnspython's socket factory (a socket made with a destination is connected)
  one('aioquic.quic.connection.QuicConnection().connect', 'socket', 'aioquic', { form: 'host', arg: 0, kw: 'addr' }),
  one('aioquic.asyncio.connect', 'socket', 'aioquic', HOST),
  one('aioquic.asyncio.client.connect', 'socket', 'aioquic', HOST),
  ...family(
    'dnspython',
    'socket',
    ['dns.asyncbackend.get_backend()', 'dns.asyncbackend.get_default_backend()'],
    ['make_socket'],
  ),
  one('ssl.create_default_context().wrap_socket', 'socket', 'ssl'),
  one('ssl.wrap_socket', 'socket', 'ssl'),
  one('dns.resolver.resolve', 'dns', 'dnspython', { form: 'host', arg: 0, kw: 'qname' }),
  one('dns.resolver.query', 'dns', 'dnspython', { form: 'host', arg: 0, kw: 'qname' }),
  one('dns.resolver.Resolver().resolve', 'dns', 'dnspython', { form: 'host', arg: 0, kw: 'qname' }),
  one('dns.resolver.Resolver().query', 'dns', 'dnspython', { form: 'host', arg: 0, kw: 'qname' }),
  ...['dns.resolver.get_default_resolver()', 'dns.asyncresolver', 'dns.asyncresolver.Resolver()'].flatMap((resolver) =>
    ['resolve', 'query'].map((method) =>
      one(`${resolver}.${method}`, 'dns', 'dnspython', { form: 'host', arg: 0, kw: 'qname' }),
    ),
  ),
  ...['dns.query', 'dns.asyncquery'].flatMap((module) =>
    ['udp', 'tcp', 'tls', 'https', 'quic', 'udp_with_fallback'].map((call) =>
      one(`${module}.${call}`, 'dns', 'dnspython'),
    ),
  ),
  // mail, file transfer, remote shells, RPC
  ...['SMTP', 'SMTP_SSL', 'LMTP'].map((cls) => one(`smtplib.${cls}`, 'mail', 'smtplib', HOST)),
  ...['POP3', 'POP3_SSL'].map((cls) => one(`poplib.${cls}`, 'mail', 'poplib', HOST)),
  ...['IMAP4', 'IMAP4_SSL'].map((cls) => one(`imaplib.${cls}`, 'mail', 'imaplib', HOST)),
  one('ftplib.FTP', 'ftp', 'ftplib', { form: 'host', arg: 0, kw: 'host' }),
  one('ftplib.FTP_TLS', 'ftp', 'ftplib', { form: 'host', arg: 0, kw: 'host' }),
  one('ftplib.FTP().connect', 'ftp', 'ftplib', HOST),
  one('telnetlib.Telnet', 'telnet', 'telnetlib', HOST),
  one('telnetlib.Telnet().open', 'telnet', 'telnetlib', HOST),
  one('xmlrpc.client.ServerProxy', 'rpc', 'xmlrpc', { form: 'url', arg: 0, kw: 'uri' }),
  one('xmlrpclib.ServerProxy', 'rpc', 'xmlrpclib', { form: 'url', arg: 0, kw: 'uri' }),
  {
    ...one('paramiko.SSHClient().connect', 'ssh', 'paramiko', {
      form: 'host',
      arg: 0,
      kw: 'hostname',
      portArg: 1,
      portKw: 'port',
    }),
    // connect(hostname, port, username, password, pkey, key_filename, ...)
    localArgs: [4, 5],
  },
  one('paramiko.Transport', 'ssh', 'paramiko', ADDRESS),
  one('grpc.insecure_channel', 'rpc', 'grpc', { form: 'host', arg: 0, kw: 'target' }),
  one('grpc.secure_channel', 'rpc', 'grpc', { form: 'host', arg: 0, kw: 'target' }),
  // websockets
  one('websocket.create_connection', 'websocket', 'websocket-client', URL0),
  one('websocket.WebSocketApp', 'websocket', 'websocket-client', URL0),
  one('websocket.WebSocket().connect', 'websocket', 'websocket-client', URL0),
  one('websockets.connect', 'websocket', 'websockets', { form: 'url', arg: 0, kw: 'uri' }),
  one('websockets.client.connect', 'websocket', 'websockets', { form: 'url', arg: 0, kw: 'uri' }),
  // the network handlers of logging send every record they are given
  one('logging.handlers.HTTPHandler', 'http', 'logging', { form: 'host', arg: 0, kw: 'host' }),
  one('logging.handlers.SocketHandler', 'socket', 'logging', HOST),
  one('logging.handlers.DatagramHandler', 'socket', 'logging', HOST),
  one('logging.handlers.SMTPHandler', 'mail', 'logging', { form: 'address', arg: 0, kw: 'mailhost' }),
  one('logging.handlers.SysLogHandler', 'socket', 'logging', ADDRESS),
  // a browser opened on a URL that carries data sends it
  ...['open', 'open_new', 'open_new_tab', 'get().open'].map((method) => ({
    ...one(`webbrowser.${method}`, 'http', 'webbrowser', URL0),
    onlyWithData: true,
  })),
  // the C library's socket API through ctypes
  ...family(
    'ctypes',
    'socket',
    ['ctypes.CDLL()', 'ctypes.cdll.LoadLibrary()', 'ctypes.PyDLL()', 'ctypes.windll.ws2_32', 'ctypes.WinDLL()'],
    ['connect', 'send', 'sendto', 'WSAConnect'],
  ),
  // chat bots and webhooks: the channels stealers post to
  one('telebot.TeleBot', 'http', 'pyTelegramBotAPI'),
  ...family('pyTelegramBotAPI', 'http', ['telebot.TeleBot()'], ['send_message', 'send_document', 'send_photo']),
  one('telegram.Bot', 'http', 'python-telegram-bot'),
  ...family('python-telegram-bot', 'http', ['telegram.Bot()'], ['send_message', 'send_document', 'send_photo']),
  one('discord_webhook.DiscordWebhook', 'http', 'discord-webhook', URL0),
  one('discord_webhook.DiscordWebhook().execute', 'http', 'discord-webhook'),
  one('dhooks.Webhook', 'http', 'dhooks', URL0),
  // file-hosting APIs stealers upload their loot to
  ...family('dropbox', 'cloud', ['dropbox.Dropbox()', 'dropbox.dropbox_client.Dropbox()'], ['files_upload']),
  // cloud SDKs
  one('boto3.client', 'cloud', 'boto3'),
  one('boto3.resource', 'cloud', 'boto3'),
  one('boto3.session.Session().client', 'cloud', 'boto3'),
  one('boto3.Session().client', 'cloud', 'boto3'),
  one('botocore.session.get_session().create_client', 'cloud', 'botocore'),
];

/** Request objects: they connect nowhere themselves, but carry the URL that urlopen(request) sends to. */
export const REQUEST_CONSTRUCTORS = new Set([
  'urllib.request.Request',
  'urllib2.Request',
  'six.moves.urllib.request.Request',
]);

/** Modules whose import alone is worth noting as a network capability (info). */
export const NETWORK_MODULES = [
  'socket',
  'ssl',
  'http.client',
  'httplib',
  'urllib.request',
  'urllib2',
  'urllib3',
  'requests',
  'httpx',
  'aiohttp',
  'ftplib',
  'smtplib',
  'poplib',
  'imaplib',
  'telnetlib',
  'xmlrpc.client',
  'xmlrpclib',
  'websocket',
  'websockets',
  'pycurl',
  'paramiko',
  'grpc',
  'dns.resolver',
  'boto3',
  'botocore',
  'httplib2',
  'tornado.httpclient',
  'httpcore',
  'trio.socket',
  'anyio',
  'aioquic',
];

/**
 * Packages whose purpose is the network (clients and protocol stacks): in their own modules, and in any file that
 * imports a network module, a send-like method called on an object passed in or kept in an attribute is outbound
 * logic even though the object's class is not known there.
 */
export const NETWORK_PACKAGES = [
  'requests',
  'urllib3',
  'httpx',
  'httpcore',
  'aiohttp',
  'paramiko',
  'dns',
  'websocket',
  'websockets',
  'grpc',
  'httplib2',
  'pycurl',
  'socks',
  'botocore',
];

/** Methods that move data over a connection, called on an object of a network library (sock.sendall, pool.urlopen). */
export const SEND_METHODS = new Set([
  'send',
  'sendall',
  'sendto',
  'sendmsg',
  'sendfile',
  'urlopen',
  'request',
  'getresponse',
  'handle_request',
  'handle_async_request',
  'send_request',
  '_send_user_message',
  'putrequest',
  'endheaders',
  'connect',
  'connect_ex',
  'exec_command',
  'open_session',
  '_make_request',
]);

/** Module prefixes that a vendoring package puts before a library's own name. */
export const VENDOR_MARKERS = ['._vendor.', '.vendor.', '._vendored.', '.extern.', '.vendored.', '._internal._vendor.'];
