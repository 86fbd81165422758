import Testing

@testable import IdleStopStorage

struct ReportColumnTests {
    @Test func headerIsTheContractOrder() {
        let contract = """
            run_id, evaluated_at, mode, graph_id, graph_name, product_type, size, status, policy, decision, result, \
            reason, requests_in_window, window_hours, coverage, last_activity, idle_hours, hourly_price, currency, \
            projected_savings, job_id, error_code, error_msg
            """
        #expect(ReportColumn.header == contract.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(ReportColumn.errorMessage.index == 22)
        #expect(ReportColumn.runID.index == 0)
    }
}
