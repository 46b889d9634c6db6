import os, re, sys, html, email, io, zipfile
from email import policy
from html.parser import HTMLParser

D = os.path.dirname(os.path.abspath(__file__))
KINDS = {'reply', 'auto_reply', 'bounce', 'unreadable'}
errors = []


def err(*a):
    errors.append(' '.join(str(x) for x in a))


def load_props(path):
    props = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.lstrip().startswith(('#', '!')):
                continue
            m = re.match(r'([^=:\s]+)\s*[=:]\s*(.*)$', line)
            if not m:
                err(path, 'bad line', line)
                continue
            k, v = m.groups()
            out, i = '', 0
            while i < len(v):
                ch = v[i]
                if ch == '\\' and i + 1 < len(v):
                    n = v[i + 1]
                    if n == 'u':
                        out += chr(int(v[i + 2:i + 6], 16)); i += 6; continue
                    out += {'n': '\n', 't': '\t', 'r': '\r'}.get(n, n); i += 2; continue
                out += ch; i += 1
            props[k] = out
    return props


class Strip(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ('script', 'style'):
            self.skip += 1
        if tag in ('br', 'p', 'div', 'tr', 'li', 'blockquote', 'hr'):
            self.out.append('\n')

    def handle_endtag(self, tag):
        if tag in ('script', 'style'):
            self.skip -= 1
        if tag in ('p', 'div'):
            self.out.append('\n')

    def handle_data(self, d):
        if not self.skip:
            self.out.append(d)


def strip_html(s):
    p = Strip(); p.feed(s); p.close()
    t = ''.join(p.out).replace('\xa0', ' ')
    return re.sub(r'[ \t]+', ' ', t)


def text_of(part):
    try:
        return part.get_content()
    except (LookupError, UnicodeError):
        return part.get_payload(decode=True).decode('utf-8', errors='replace')


def is_attachment(part, parents):
    disp = part.get_content_disposition()
    if part.get_content_maintype() == 'multipart' or part.get_content_type() in ('message/rfc822', 'message/delivery-status', 'text/rfc822-headers'):
        return False
    if disp == 'attachment':
        return True
    if part.get_content_maintype() == 'text' and not part.get_filename():
        return False
    in_related = any(p.get_content_type() == 'multipart/related' for p in parents)
    if in_related and part.get('Content-ID') and len(part.get_payload(decode=True) or b'') < 40 * 1024:
        return False  # a logo; a larger image is a photo pasted into the letter, kept
    return bool(part.get_filename())


def walk(part, parents=()):
    yield part, parents
    if part.is_multipart():
        for sub in part.iter_parts() if hasattr(part, 'iter_parts') else part.get_payload():
            yield from walk(sub, parents + (part,))


emls = sorted(f[:-4] for f in os.listdir(D) if f.endswith('.eml'))
props = sorted(f[:-len('.expected.properties')] for f in os.listdir(D) if f.endswith('.expected.properties'))
for n in set(emls) ^ set(props):
    err('unpaired', n)
if len(emls) < 60:
    err('only', len(emls), 'cases')

summary = []
for n in emls:
    p = load_props(os.path.join(D, n + '.expected.properties'))
    kind = p.get('kind')
    if kind not in KINDS:
        err(n, 'bad kind', kind)
    if 'token' not in p:
        err(n, 'no token key')
    kept = [p[k] for k in sorted((k for k in p if k.startswith('kept.')), key=lambda k: int(k[5:]))]
    cut = [p[k] for k in sorted((k for k in p if k.startswith('cut.')), key=lambda k: int(k[4:]))]
    for s in kept + cut:
        if not (5 <= len(s) <= 60) or '\n' in s:
            err(n, 'substring length/linebreak', repr(s))
    raw = open(os.path.join(D, n + '.eml'), 'rb').read()
    summary.append((n, kind, p.get('token'), len(kept), len(cut), p.get('attachments', '')))
    if kind == 'unreadable':
        if p['token'] != 'none' or kept or cut:
            err(n, 'unreadable must have token=none and no kept/cut')
        continue
    msg = email.message_from_bytes(raw, policy=policy.default)
    # token
    tok = 'none'
    for h in ('To', 'Cc', 'Delivered-To'):
        for v in msg.get_all(h, []):
            m = re.search(r'reply\+([a-z2-7]{26})@briefwissel\.test', str(v))
            if m:
                tok = m.group(1)
    if tok != p['token']:
        err(n, 'token mismatch', tok, p['token'])
    for k in ('From', 'Date'):
        if k not in msg:
            err(n, 'missing header', k)
    plains, htmls, atts = [], [], []
    for part, parents in walk(msg):
        if any(pp.get_content_type() == 'message/rfc822' for pp in parents):
            continue
        for d in part.defects:
            if 'Boundary' in type(d).__name__ or 'Base64' in type(d).__name__ or 'Padding' in type(d).__name__:
                err(n, 'MIME defect', type(d).__name__)
        if is_attachment(part, parents):
            atts.append(f'{part.get_filename()}:{part.get_content_type()}')
            data = part.get_payload(decode=True)
            fn = part.get_filename() or ''
            if fn.endswith(('.jpeg', '.jpg')):
                if not (data.startswith(b'\xff\xd8\xff\xe0') and data.endswith(b'\xff\xd9')):
                    err(n, 'bad jpeg')
            if fn.endswith('.pdf'):
                if not data.startswith(b'%PDF-') or b'%%EOF' not in data:
                    err(n, 'bad pdf')
                if b'startxref' not in data:
                    err(n, 'pdf without startxref')
                    continue
                sx = int(data.rsplit(b'startxref', 1)[1].split()[0])
                if not data[sx:].startswith(b'xref'):
                    err(n, 'bad startxref')
                for i, line in enumerate(data[sx:].split(b'\n')[3:8], 1):
                    off = int(line[:10])
                    if not data[off:].startswith(b'%d 0 obj' % i):
                        err(n, 'bad xref offset', i)
            if fn.endswith('.docx'):
                z = zipfile.ZipFile(io.BytesIO(data))
                if z.testzip() is not None or 'word/document.xml' not in z.namelist():
                    err(n, 'bad docx')
            continue
        ct = part.get_content_type()
        if ct == 'text/plain':
            plains.append(text_of(part))
        elif ct == 'text/html':
            htmls.append(text_of(part))
    exp_att = [a for a in p.get('attachments', '').split(',') if a]
    if sorted(exp_att) != sorted(atts):
        err(n, 'attachments', atts, 'expected', exp_att)
    if kind != 'reply':
        continue
    if not kept:
        err(n, 'reply without kept')
    plain_all = '\n'.join(plains)
    html_unesc = '\n'.join(html.unescape(h) for h in htmls)
    html_text = '\n'.join(strip_html(h) for h in htmls)
    spec_hay = plain_all + '\n' + html_unesc
    for s in kept:
        if s not in spec_hay:
            err(n, 'kept not found (spec search)', repr(s))
        if plains and s not in plain_all:
            err(n, 'kept not in text/plain', repr(s))
        if htmls and s not in html_text:
            err(n, 'kept not in html text', repr(s))
    for s in cut:
        if s not in spec_hay:
            err(n, 'cut not found (spec search)', repr(s))
    # a cut string must not also be a substring of a kept one
    for s in cut:
        for k in kept:
            if s in k:
                err(n, 'cut inside kept', s, k)

for e in errors:
    print('ERROR', e)
print(len(emls), 'cases;', len(errors), 'errors')
if '-v' in sys.argv:
    for row in summary:
        print('\t'.join(str(x) for x in row))
