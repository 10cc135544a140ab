module tp.local/pause

go 1.26.0
