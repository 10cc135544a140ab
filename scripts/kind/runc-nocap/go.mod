module tp.local/runc-nocap

go 1.26.0
