from mentorbank.matching.engine.cli import main

main()
