# One stand-in image (see standin.py and standins.tsv).
ARG BASE
FROM ${BASE}
COPY standin.py /standin.py
ARG PORT
ARG BODY=
ARG REQUIRE_ONE_OF=
ENV STANDIN_PORT=${PORT} STANDIN_BODY=${BODY} STANDIN_REQUIRE_ONE_OF=${REQUIRE_ONE_OF}
CMD ["python3", "-u", "/standin.py"]
