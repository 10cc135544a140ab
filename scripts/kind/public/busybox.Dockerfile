# busybox as the labs pull it (busybox, busybox:1.28, alpine…): Debian's
# statically linked busybox alone, its applets linked in /bin as in the
# official image (scripts/kind/public-images.sh).
FROM scratch
COPY busybox /bin/busybox
COPY passwd group /etc/
RUN ["/bin/busybox", "--install", "/bin"]
RUN ["/bin/mkdir", "-p", "/tmp", "/root", "/home", "/var/spool/mail", "/var/www", "/usr/bin", "/usr/sbin"]
RUN ["/bin/chmod", "1777", "/tmp"]
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["sh"]
