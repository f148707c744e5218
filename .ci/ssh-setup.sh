#!/usr/bin/env bash
# CI (as root, before pytest): a throwaway OpenSSH server on 127.0.0.1:2222 for
# tests/test_ssh.py. Idempotent: running it again keeps or restarts the same server.
# Everything lives in /tmp/samenwerken-ssh/; the test user is `swtest`.
set -euo pipefail

DIR=/tmp/samenwerken-ssh
PORT=2222
USER_NAME=swtest

if [ "$(id -u)" -ne 0 ]; then
  echo "ssh-setup: must run as root" >&2
  exit 1
fi

# 1. OpenSSH server and client.
if [ ! -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null 2>&1 || ! command -v ssh-keygen >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q openssh-server openssh-client; then
    apt-get update -q
    apt-get install -y -q openssh-server openssh-client
  fi
fi

# 2. The test user, with a home.
if ! id "$USER_NAME" >/dev/null 2>&1; then
  useradd --create-home --shell /bin/bash "$USER_NAME"
fi
HOME_DIR=$(getent passwd "$USER_NAME" | cut -d: -f6)
# A locked account (`!` in shadow) may be refused even for key logins; `*` is "no password".
usermod -p '*' "$USER_NAME"

# 3. Keys: the client key (root's) and the host key.
mkdir -p "$DIR"
chmod 0755 "$DIR"
[ -f "$DIR/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C samenwerken-test -f "$DIR/client_ed25519"
[ -f "$DIR/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C samenwerken-host -f "$DIR/host_ed25519"
chown root:root "$DIR/client_ed25519" "$DIR/host_ed25519"
chmod 0600 "$DIR/client_ed25519" "$DIR/host_ed25519"

install -d -m 0700 -o "$USER_NAME" -g "$USER_NAME" "$HOME_DIR/.ssh"
install -m 0600 -o "$USER_NAME" -g "$USER_NAME" "$DIR/client_ed25519.pub" "$HOME_DIR/.ssh/authorized_keys"

# 4. A minimal server configuration.
cat >"$DIR/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $DIR/host_ed25519
PidFile $DIR/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
AuthorizedKeysFile .ssh/authorized_keys
StrictModes no
AllowUsers $USER_NAME
PermitTTY yes
PrintMotd no
LogLevel ERROR
CONF
chmod 0644 "$DIR/sshd_config"

# 5. Start the server (again, if its configuration or process is gone).
mkdir -p /run/sshd
chmod 0755 /run/sshd
/usr/sbin/sshd -t -f "$DIR/sshd_config"
if [ -f "$DIR/sshd.pid" ] && kill -0 "$(cat "$DIR/sshd.pid")" 2>/dev/null; then
  kill -HUP "$(cat "$DIR/sshd.pid")"   # reread the configuration
else
  /usr/sbin/sshd -f "$DIR/sshd_config"
fi

# 6. Wait until a key login works.
for _ in $(seq 1 50); do
  if ssh -i "$DIR/client_ed25519" -p "$PORT" -o BatchMode=yes -o StrictHostKeyChecking=no \
       -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "$USER_NAME@127.0.0.1" true 2>/dev/null; then
    touch "$DIR/ready"
    echo "ssh ready"
    exit 0
  fi
  sleep 0.2
done
echo "ssh-setup: the server on 127.0.0.1:$PORT does not accept the test key" >&2
exit 1
