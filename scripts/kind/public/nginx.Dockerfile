# nginx as the labs pull it (nginx, nginx:1.12.2, nginx:alpine…): Debian's nginx
# package on a Debian root file system (scripts/kind/public-images.sh), run as
# the official image runs it. `nginx -v` prints Debian's version, not the tag's.
ARG ROOTFS
FROM ${ROOTFS}
COPY nginx.conf /etc/nginx/nginx.conf
COPY default.conf /etc/nginx/conf.d/default.conf
RUN rm -f /etc/nginx/sites-enabled/default \
 && echo 'nginx:x:101:' >>/etc/group \
 && echo 'nginx:x:101:101:nginx user:/nonexistent:/bin/false' >>/etc/passwd \
 && mkdir -p /var/log/nginx /var/cache/nginx \
 && ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
