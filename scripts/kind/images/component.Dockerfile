# One Kubernetes component (or CoreDNS, pause, the registry) on the shared
# Debian base: the binaries of bin/ go to /usr/local/bin.
ARG BASE
FROM ${BASE}
COPY bin/ /usr/local/bin/
