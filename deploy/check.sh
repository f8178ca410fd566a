#!/usr/bin/env bash
# Follows docs/deploy.md on this machine (as root; PostgreSQL on 127.0.0.1:5432, no
# systemd, so section 5's "without systemd" path), then checks that nginx serves the app,
# that it survives a restart, and that two app servers behind one upstream share the data.
# Host name: 127.0.0.1. HTTPS (certbot) needs a public name and is not exercised here.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
HOST=127.0.0.1
say() { printf '\n== %s\n' "$*"; }

say "1. packages"
command -v nginx >/dev/null || (apt-get update -qq && apt-get install -y -qq nginx)
test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || (apt-get update -qq && apt-get install -y -qq fonts-dejavu-core)

say "2. database"
su postgres -c "psql -h 127.0.0.1 -qc \"DROP DATABASE IF EXISTS scorecard WITH (FORCE)\""
su postgres -c "psql -h 127.0.0.1 -qc \"DROP USER IF EXISTS scorecard\""
su postgres -c "psql -h 127.0.0.1 -qc \"CREATE USER scorecard PASSWORD 'check-pw'\""
su postgres -c "psql -h 127.0.0.1 -qc \"CREATE DATABASE scorecard OWNER scorecard\""

say "3. application"
id scorecard >/dev/null 2>&1 || adduser --system --group --home /srv/scorecard scorecard
rm -rf /srv/scorecard/src && mkdir -p /srv/scorecard
git -C "$SRC" archive --format=tar HEAD | (mkdir -p /srv/scorecard/src && tar -x -C /srv/scorecard/src)
test -x /srv/scorecard/venv/bin/pip || python3 -m venv /srv/scorecard/venv
/srv/scorecard/venv/bin/pip install -q --disable-pip-version-check --require-hashes -r /srv/scorecard/src/requirements-runtime.lock
/srv/scorecard/venv/bin/pip install -q --disable-pip-version-check --no-deps /srv/scorecard/src
ln -sf /srv/scorecard/venv/bin/scorecard /usr/local/bin/scorecard

say "4. settings"
mkdir -p /etc/scorecard /var/lib/scorecard
sed -e "s#CHANGE-ME@#check-pw@#" -e "s#SECRET_KEY=.*#SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')#" \
    -e "s#scorecard.example.org#$HOST#g" /srv/scorecard/src/deploy/scorecard.env.example > /etc/scorecard/scorecard.env
# Plain HTTP in this check: no certificate for 127.0.0.1.
sed -i -e "s#SCORECARD_HTTPS=true#SCORECARD_HTTPS=false#" -e "s#https://#http://#" /etc/scorecard/scorecard.env
chown -R scorecard:scorecard /var/lib/scorecard
chmod 600 /etc/scorecard/scorecard.env
set -a; . /etc/scorecard/scorecard.env; set +a
scorecard migrate
scorecard manage collectstatic --noinput -v 0
DJANGO_SUPERUSER_PASSWORD=check-admin-pw scorecard manage createsuperuser --noinput --username admin --email admin@example.org
SCORECARD_HTTPS=true scorecard manage check --deploy --fail-level WARNING

say "5. app server (no systemd here)"
stop_app() { [ -f "$1" ] && kill "$(cat "$1")" 2>/dev/null || true; sleep 1; }
mkdir -p /run/scorecard
stop_app /run/scorecard/gunicorn.pid
/srv/scorecard/venv/bin/gunicorn scorecard.web.wsgi --preload --workers 5 --bind 127.0.0.1:8000 \
  --daemon --pid /run/scorecard/gunicorn.pid --access-logfile /var/log/scorecard.log

say "5b. background worker (renders published versions once)"
stop_app /run/scorecard/worker.pid
nohup scorecard worker >> /var/log/scorecard-worker.log 2>&1 &
echo $! > /run/scorecard/worker.pid

say "6. nginx"
cp /srv/scorecard/src/deploy/nginx-scorecard.conf /etc/nginx/sites-available/scorecard
sed -i "s/scorecard.example.org/$HOST/" /etc/nginx/sites-available/scorecard
ln -sf /etc/nginx/sites-available/scorecard /etc/nginx/sites-enabled/scorecard
rm -f /etc/nginx/sites-enabled/default
nginx -t -q && (nginx -s reload 2>/dev/null || nginx)

say "checks"
wait_ok() { for _ in $(seq 60); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done; echo "FAIL: $1"; return 1; }
wait_ok "http://$HOST/accounts/login/"
# The whole body first, then the search: `curl | grep -q` fails under pipefail when grep
# stops at the first match while curl is still writing (curl: (23) Failed writing body).
page_has() { local body; body=$(curl -fsS "$1") && grep -qF -- "$2" <<<"$body"; }
page_has "http://$HOST/static/scorecard/site.css" "Mobile-first" || { echo "FAIL: static"; exit 1; }
# Data goes in through the app, then everything is restarted.
scorecard sample --out /tmp/deploy-check/answers.csv > /dev/null
scorecard manage shell --no-imports -c "
from scorecard.web.editions.models import Edition
from scorecard.web.responses.store import import_answers
from scorecard.interop import read_answers
from pathlib import Path
e, _ = Edition.objects.get_or_create(slug='check', defaults=dict(title='Check', country='KZ', year=2024, goals=list(range(1, 18)), status='open'))
import_answers(e, read_answers(Path('/tmp/deploy-check/answers.csv')))
"
TOKEN=$(scorecard invite check --count 1 --base-url "http://$HOST" | sed 's#.*/r/##; s#/$##')
code=$(curl -s -o /dev/null -w '%{http_code}' "http://$HOST/r/$TOKEN/")
[ "$code" = 302 ] || { echo "FAIL: personal link gave $code"; exit 1; }
say "restart app server and nginx"
stop_app /run/scorecard/gunicorn.pid
nginx -s stop; sleep 1
/srv/scorecard/venv/bin/gunicorn scorecard.web.wsgi --preload --workers 5 --bind 127.0.0.1:8000 \
  --daemon --pid /run/scorecard/gunicorn.pid --access-logfile /var/log/scorecard.log
nginx
wait_ok "http://$HOST/accounts/login/"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://$HOST/r/$TOKEN/")
[ "$code" = 302 ] || { echo "FAIL: after restart the link gave $code"; exit 1; }
n=$(scorecard manage shell --no-imports -c "from scorecard.web.responses.models import Respondent; print(Respondent.objects.filter(edition__slug='check').count())")
[ "$n" = 61 ] || { echo "FAIL: $n respondents after restart"; exit 1; }

say "two app servers behind one upstream (section 9)"
/srv/scorecard/venv/bin/gunicorn scorecard.web.wsgi --preload --workers 2 --bind 127.0.0.1:8001 \
  --daemon --pid /run/scorecard/second.pid
sed -i 's/^    server 127.0.0.1:8000;/    server 127.0.0.1:8000;\n    server 127.0.0.1:8001;/' /etc/nginx/sites-available/scorecard
nginx -s reload; wait_ok "http://127.0.0.1:8001/accounts/login/"
for _ in $(seq 20); do curl -fsS -o /dev/null "http://$HOST/accounts/login/"; done
for port in 8000 8001; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $HOST" "http://127.0.0.1:$port/r/$TOKEN/")
  [ "$code" = 302 ] || { echo "FAIL: server $port gave $code for the personal link"; exit 1; }
done

say "publish through the worker; both servers answer with the same stored bytes"
scorecard edition close check && scorecard edition validate check
scorecard manage shell --no-imports -c "
from scorecard.web.editions.models import Edition
from scorecard.web.reports.publishing import publish
publish(Edition.objects.get(slug='check'), None, None)
"
for _ in $(seq 240); do
  done_=$(scorecard manage shell --no-imports -c "from scorecard.web.reports.models import PublishedReport as P; print(P.objects.filter(edition__slug='check', completed__isnull=False).count())")
  [ "$done_" = 1 ] && break; sleep 0.5
done
[ "$done_" = 1 ] || { echo "FAIL: the worker did not finish the version"; tail -20 /var/log/scorecard-worker.log; exit 1; }
want=$(scorecard manage shell --no-imports -c "from scorecard.web.reports.models import PublishedFile as F; print(F.objects.get(report__edition__slug='check', language='en', name='report.pdf').sha256)")
for port in 8000 8001; do
  got=$(curl -fsS -H "Host: $HOST" "http://127.0.0.1:$port/p/check/v1/en/report.pdf" | sha256sum | cut -d' ' -f1)
  [ "$got" = "$want" ] || { echo "FAIL: server $port served other bytes ($got, stored $want)"; exit 1; }
done
page_has "http://$HOST/p/check/" "$want" || { echo "FAIL: landing page lacks the digest"; exit 1; }
stop_app /run/scorecard/gunicorn.pid   # the first server goes away; nginx uses the second
got=$(curl -fsS "http://$HOST/p/check/v1/en/report.pdf" | sha256sum | cut -d' ' -f1)
[ "$got" = "$want" ] || { echo "FAIL: through nginx, the second server served other bytes"; exit 1; }

say "backup and restore into a fresh database"
scorecard backup /tmp/deploy-check/backup.json.gz
su postgres -c "psql -h 127.0.0.1 -qc \"CREATE DATABASE scorecard_restored OWNER scorecard\"" 2>/dev/null || true
DATABASE_URL=postgres://scorecard:check-pw@127.0.0.1:5432/scorecard_restored scorecard restore --force /tmp/deploy-check/backup.json.gz
m=$(DATABASE_URL=postgres://scorecard:check-pw@127.0.0.1:5432/scorecard_restored scorecard manage shell --no-imports -c "from scorecard.web.responses.models import Respondent; print(Respondent.objects.count())")
[ "$m" = 61 ] || { echo "FAIL: restored $m respondents"; exit 1; }

stop_app /run/scorecard/second.pid
stop_app /run/scorecard/worker.pid
nginx -s stop
su postgres -c "psql -h 127.0.0.1 -qc \"DROP DATABASE scorecard_restored WITH (FORCE)\""
echo
echo "deploy check passed"
