/// Report texts for the reader tests, written into each test's own temp folder.
///
/// Kept in Swift rather than as `.csv` files: the test target declares no resources, and SwiftPM warns
/// about undeclared files.
enum ReportFixtures {
    /// A reviewed dry-run report: an extra column, a neutralised name, quoted cells, rows out of order.
    static let reviewedDryRun = #"""
        run_id,evaluated_at,mode,graph_id,graph_name,product_type,size,status,policy,decision,result,reason,requests_in_window,window_hours,coverage,last_activity,idle_hours,hourly_price,currency,projected_savings,job_id,error_code,error_msg,reviewer_note
        r-7,2026-11-25T02:00:00Z,dry-run,g-b,"graph, b",InMemory,million,200,idle-dev-graphs,stop,dry-run,0 requests in 24h,0,24,1,,,1.25,USD,30.00,,,,ok
        r-7,2026-11-25T02:00:00Z,dry-run,g-a,'=cmd,InMemory,million,200,,keep,,"busy: 12 requests, ""see""",12,24,1,2026-11-25T01:00:00Z,1.0,1.25,USD,,,,,
        r-7,2026-11-25T02:00:00Z,dry-run,g-c,c,InMemory,million,200,idle-dev-graphs,stop,held,trip-wire,0,24,1,,,1.25,USD,30.00,,,,
        """#
}
