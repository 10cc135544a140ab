# perl as the labs pull it (perl:5.34): Debian's perl on the same Debian root
# file system as nginx (scripts/kind/public-images.sh); `perl -v` says 5.36.
ARG ROOTFS
FROM ${ROOTFS}
CMD ["perl", "-de0"]
